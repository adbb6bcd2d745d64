from django.urls import path

from tillit.internal_control import views

app_name = "internal_control"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("ny/", views.plan_new, name="plan_new"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/kontrollpunkter/", views.point_new, name="point_new"),
    path("<int:pk>/for-over/", views.carry_over, name="carry_over"),
    path("kontrollpunkt/<int:pk>/", views.point_detail, name="point_detail"),
]
