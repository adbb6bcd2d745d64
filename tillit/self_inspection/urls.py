from django.urls import path

from tillit.self_inspection import views

app_name = "self_inspection"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("ny/", views.programme_new, name="programme_new"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/kontroller/", views.item_new, name="item_new"),
    path("<int:pk>/anta/", views.programme_adopt_view, name="programme_adopt"),
    path("omgang/<int:pk>/", views.round_detail, name="round_detail"),
    path("omgang/<int:pk>/starta/", views.round_start_view, name="round_start"),
    path("omgang/<int:pk>/genomford/", views.round_done_view, name="round_done"),
]
