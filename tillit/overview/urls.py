from django.urls import path

from tillit.overview import views

app_name = "overview"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("serie/<str:kind>/<str:unit>/<str:category>/", views.series, name="series"),
]
